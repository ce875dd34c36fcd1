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
#include <stdlib.h>
#include <string.h>

/* A read-only odb backend that forwards to another object database without ever refreshing it.
   A handle whose odb is [mempack, this proxy] writes new objects into memory without the
   freshen-then-refresh that libgit2 does for every write into a repository's own odb (a
   readdir of objects/pack per object). */
typedef struct {
    git_odb_backend parent;
    git_odb *target;
} cgit2_proxy_backend;

static int cgit2_proxy_read(void **out, size_t *len, git_object_t *type, git_odb_backend *backend, const git_oid *oid) {
    cgit2_proxy_backend *proxy = (cgit2_proxy_backend *)backend;
    git_odb_object *object = NULL;
    int error = git_odb_read(&object, proxy->target, oid);
    if (error < 0) return error;
    *len = git_odb_object_size(object);
    *type = git_odb_object_type(object);
    *out = git_odb_backend_data_alloc(backend, *len + 1);
    if (*out == NULL) { git_odb_object_free(object); return -1; }
    memcpy(*out, git_odb_object_data(object), *len);
    ((char *)*out)[*len] = 0;
    git_odb_object_free(object);
    return 0;
}

static int cgit2_proxy_read_header(size_t *len, git_object_t *type, git_odb_backend *backend, const git_oid *oid) {
    return git_odb_read_header(len, type, ((cgit2_proxy_backend *)backend)->target, oid);
}

static int cgit2_proxy_exists(git_odb_backend *backend, const git_oid *oid) {
    return git_odb_exists_ext(((cgit2_proxy_backend *)backend)->target, oid, GIT_ODB_LOOKUP_NO_REFRESH);
}

static void cgit2_proxy_free(git_odb_backend *backend) {
    cgit2_proxy_backend *proxy = (cgit2_proxy_backend *)backend;
    git_odb_free(proxy->target);
    free(proxy);
}

/* Creates the proxy; it takes over `target` (freed with the backend). */
static inline int cgit2_proxy_backend_new(git_odb_backend **out, git_odb *target) {
    cgit2_proxy_backend *proxy = calloc(1, sizeof(cgit2_proxy_backend));
    if (proxy == NULL) return -1;
    proxy->parent.version = GIT_ODB_BACKEND_VERSION;
    proxy->parent.read = cgit2_proxy_read;
    proxy->parent.read_header = cgit2_proxy_read_header;
    proxy->parent.exists = cgit2_proxy_exists;
    proxy->parent.free = cgit2_proxy_free;
    proxy->target = target;
    *out = &proxy->parent;
    return 0;
}
#endif
