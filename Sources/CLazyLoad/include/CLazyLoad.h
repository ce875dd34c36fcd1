#ifndef FSCTX_LAZY_LOAD_H
#define FSCTX_LAZY_LOAD_H

/// libgit2 and libcurl are bound lazily on x86_64 Linux (stubs_x86_64.S, scripts/lazy-stubs):
/// the library is dlopened on the first call of one of its functions. Returns 1 when `library`
/// ("git2" or "curl") is loaded through a stub so far, 0 when not, -1 when this build binds it at
/// start-up (another platform).
int fsctx_lazy_library_loaded(const char *library);

#endif
