#ifndef FSCTX_SANDBOX_SPAWN_H
#define FSCTX_SANDBOX_SPAWN_H

#include <sys/types.h>

/// Resource limits applied in the child before exec; a negative value leaves a limit as it is.
typedef struct fsctx_spawn_limits {
    long long cpu_seconds;
    long long address_space_bytes;
    long long file_size_bytes;
    long long processes;
    /// When >= 0 and the parent is root, the child drops to this uid/gid (and no groups) before exec.
    int uid;
    int gid;
} fsctx_spawn_limits;

/// Forks and execs `path` with `argv` and `envp` in a new session. In the child, descriptor
/// `fds[i]` becomes descriptor `i` (for i < fd_count; -1 leaves `i` closed), every other
/// descriptor is closed, and `limits` are applied. Returns 0 and the pid in `pid_out`, or an
/// errno value (also when exec failed in the child).
int fsctx_spawn(const char *path, char *const argv[], char *const envp[], const int *fds, int fd_count,
                const fsctx_spawn_limits *limits, pid_t *pid_out);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends no other child inherits. Returns 0 or an errno value.
int fsctx_pipe(int fds[2]);

/// Makes this process the reaper of its orphaned descendants (PR_SET_CHILD_SUBREAPER): bubblewrap's
/// init, which outlives the bwrap process that fsctx waits for, then becomes fsctx's child instead of
/// a zombie of pid 1 that counts against the sandbox user's process limit until pid 1 reaps it.
/// Returns 0 or an errno value.
int fsctx_become_subreaper(void);

/// Reaps every child in process group `group` (a bwrap that fsctx spawned leads one), waiting
/// for those still running; returns when none is left.
void fsctx_reap_group(pid_t group);

#endif
