#ifndef CGIT2_SHIM_H
#define CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>

/* git_libgit2_opts is variadic, so Swift cannot call it: typed wrappers. */
static inline int cgit2_set_strict_object_creation(int on) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_OBJECT_CREATION, on);
}
static inline int cgit2_set_strict_hash_verification(int on) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, on);
}
static inline int cgit2_set_fsync_gitdir(int on) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, on);
}
static inline int cgit2_set_owner_validation(int on) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, on);
}
#endif
