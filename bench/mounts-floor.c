/* The floor for any /proc-based stale-mount scan: one statx(STATX_MNT_ID) per cwd, root and
 * open-descriptor link of every process, nothing else (no mount table, no maps, no decision).
 * hostguard mounts does this plus reading tables, namespaces and maps, so its time over this
 * program's is what the rest costs.
 *
 *   mounts-floor [THREADS]     default 1; prints "links N mount-ids-seen M" on stdout
 *
 * Links are reached the way hostguard reaches them: relative to an open /proc/<pid> directory
 * and its fd/ directory, with AT_STATX_DONT_SYNC (cached attributes: never a round trip to a
 * network server). STATX_MNT_ID is Linux 5.8+ (include/uapi/linux/stat.h: 0x1000).
 * Build: cc -O2 -pthread -o mounts-floor bench/mounts-floor.c
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef STATX_MNT_ID
#define STATX_MNT_ID 0x00001000U
#endif

static int *pids;
static int npids, nthreads;
struct share { long links; unsigned long long idsum; };

static void place(int dir, const char *name, struct share *s) {
    struct statx st;
    if (statx(dir, name, AT_STATX_DONT_SYNC, STATX_INO | STATX_MNT_ID, &st) == 0) {
        s->links++;
        s->idsum += st.stx_mnt_id;
    }
}

static void *worker(void *arg) {
    long index = (long)arg;
    struct share *s = calloc(1, sizeof *s);
    char path[64];
    for (int i = (int)index; i < npids; i += nthreads) {
        snprintf(path, sizeof path, "/proc/%d", pids[i]);
        int proc = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (proc < 0) continue;
        place(proc, "cwd", s);
        place(proc, "root", s);
        int fd = openat(proc, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0) {
            DIR *d = fdopendir(fd);
            if (d) {
                int dfd = dirfd(d);
                struct dirent *e;
                while ((e = readdir(d)) != NULL)
                    if (e->d_name[0] != '.') place(dfd, e->d_name, s);
                closedir(d);
            } else {
                close(fd);
            }
        }
        close(proc);
    }
    return s;
}

int main(int argc, char **argv) {
    nthreads = argc > 1 ? atoi(argv[1]) : 1;
    if (nthreads < 1) nthreads = 1;
    DIR *proc = opendir("/proc");
    if (!proc) { perror("/proc"); return 2; }
    int cap = 1024;
    pids = malloc(cap * sizeof *pids);
    struct dirent *e;
    int self = getpid();
    while ((e = readdir(proc)) != NULL) {
        int pid = atoi(e->d_name);
        if (pid <= 0 || pid == self) continue;
        if (npids == cap) pids = realloc(pids, (cap *= 2) * sizeof *pids);
        pids[npids++] = pid;
    }
    closedir(proc);
    pthread_t threads[nthreads];
    for (long t = 1; t < nthreads; t++) pthread_create(&threads[t], NULL, worker, (void *)t);
    struct share *mine = worker((void *)0);
    long links = mine->links;
    unsigned long long idsum = mine->idsum;
    for (long t = 1; t < nthreads; t++) {
        struct share *s;
        pthread_join(threads[t], (void **)&s);
        links += s->links;
        idsum += s->idsum;
    }
    printf("links %ld idsum %llu\n", links, idsum);
    return 0;
}
