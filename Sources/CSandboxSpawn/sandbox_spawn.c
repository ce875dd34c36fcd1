#define _GNU_SOURCE
#include "sandbox_spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void set_limit(int resource, long long value, long long slack) {
    if (value < 0) return;
    struct rlimit limit = { (rlim_t)value, (rlim_t)(value + slack) };
    setrlimit(resource, &limit);
}

static void fail(int report, int error) {
    (void)!write(report, &error, sizeof error);
    _exit(127);
}

int fsctx_spawn(const char *path, char *const argv[], char *const envp[], const int *fds, int fd_count,
                const fsctx_spawn_limits *limits, pid_t *pid_out) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    /* vfork: the parent is a large process; copying its page tables would cost milliseconds.
       The child only makes raw system calls and execs or _exits. */
    pid_t pid = vfork();
    if (pid < 0) {
        int error = errno;
        close(report[0]);
        close(report[1]);
        return error;
    }
    if (pid == 0) {
        /* Only async-signal-safe calls from here on. */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        for (int sig = 1; sig < 32; sig++) {
            if (sig != SIGKILL && sig != SIGSTOP) signal(sig, SIG_DFL);
        }
        setsid();
        /* Move the wanted descriptors above every target first, so no dup2 clobbers a source. */
        int base = fd_count + 3 > report[1] + 1 ? fd_count + 3 : report[1] + 1;
        int moved[256];
        if (fd_count > 256) fail(report[1], EINVAL);
        for (int i = 0; i < fd_count; i++) {
            moved[i] = -1;
            if (fds[i] >= 0) {
                moved[i] = fcntl(fds[i], F_DUPFD, base);
                if (moved[i] < 0) fail(report[1], errno);
                if (moved[i] >= base) base = moved[i] + 1;
            }
        }
        int report_fd = fcntl(report[1], F_DUPFD_CLOEXEC, base);
        if (report_fd < 0) fail(report[1], errno);
        for (int i = 0; i < fd_count; i++) {
            if (moved[i] >= 0) {
                if (dup2(moved[i], i) < 0) fail(report_fd, errno);
            } else {
                close(i);
            }
        }
        for (int fd = fd_count; fd < report_fd; fd++) close(fd);
        syscall(SYS_close_range, (unsigned)report_fd + 1, ~0U, 0);
        /* CPU: SIGXCPU at the soft limit, SIGKILL a second later. */
        set_limit(RLIMIT_CPU, limits->cpu_seconds, 1);
        set_limit(RLIMIT_AS, limits->address_space_bytes, 0);
        set_limit(RLIMIT_FSIZE, limits->file_size_bytes, 0);
        set_limit(RLIMIT_NPROC, limits->processes, 0);
        set_limit(RLIMIT_CORE, 0, 0);
        if (limits->uid >= 0 && geteuid() == 0) {
            /* Raw system calls: glibc's wrappers would try to change every thread of the parent. */
            if (syscall(SYS_setgroups, 0, NULL) != 0) fail(report_fd, errno);
            if (syscall(SYS_setresgid, limits->gid, limits->gid, limits->gid) != 0) fail(report_fd, errno);
            if (syscall(SYS_setresuid, limits->uid, limits->uid, limits->uid) != 0) fail(report_fd, errno);
        }
        execve(path, argv, envp);
        fail(report_fd, errno);
    }
    close(report[1]);
    int error = 0;
    ssize_t got;
    do {
        got = read(report[0], &error, sizeof error);
    } while (got < 0 && errno == EINTR);
    close(report[0]);
    if (got == sizeof error) {
        waitpid(pid, NULL, 0);
        return error;
    }
    *pid_out = pid;
    return 0;
}

int fsctx_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno;
}

int fsctx_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 ? 0 : errno;
}

void fsctx_reap_group(pid_t group) {
    if (group <= 0) return;
    for (;;) {
        pid_t got = waitpid(-group, NULL, 0);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return;
    }
}
