/* GNU readline, and the one helper hostguard needs around it. Other C helpers live in
   CLinuxSupport. */
#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <readline/readline.h>

/* Set by SIGINT/SIGTERM/SIGHUP/SIGQUIT while a question is on screen. */
static volatile sig_atomic_t CReadline_interrupted = 0;

static void CReadline_onInterrupt(int signal) {
    (void)signal;
    CReadline_interrupted = 1;
}

/* readline's getc: a plain read(2) that gives up once a signal has been caught, so Ctrl-C
   ends the question at once (readline's own handler would re-raise SIGINT and kill us before
   the decision is logged). */
static int CReadline_getc(FILE *stream) {
    unsigned char c;
    for (;;) {
        if (CReadline_interrupted) return EOF;
        ssize_t n = read(fileno(stream), &c, 1);
        if (n == 1) return c;
        if (n == 0) return EOF;
        if (errno != EINTR) return EOF;
    }
}

/* Asks one question on the terminal `fd`: completion off (Tab inserts itself, so a host name
   cannot be completed), nothing added to history (so it cannot be recalled), signals caught
   without SA_RESTART so a read is interrupted. *interrupted says whether a signal came: the
   caller must then ignore the line, whatever was typed. Returns malloc'd text or NULL (EOF). */
static inline char *CReadline_askOnTerminal(const char *prompt, int fd, int *interrupted) {
    FILE *in = fdopen(dup(fd), "r");
    FILE *out = fdopen(dup(fd), "w");
    if (in == NULL || out == NULL) {
        if (in) fclose(in);
        if (out) fclose(out);
        *interrupted = 0;
        return NULL;
    }
    struct sigaction action, oldInt, oldTerm, oldHup, oldQuit;
    action.sa_handler = CReadline_onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);
    sigaction(SIGHUP, &action, &oldHup);
    sigaction(SIGQUIT, &action, &oldQuit);
    /* A parent may have left these blocked (some process spawners do): unblock them while
       asking, or Ctrl-C would never reach us. The old mask is restored afterwards. */
    sigset_t wanted, oldMask;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGQUIT);
    sigprocmask(SIG_UNBLOCK, &wanted, &oldMask);
    CReadline_interrupted = 0;
    rl_instream = in;
    rl_outstream = out;
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_getc_function = CReadline_getc;
    rl_inhibit_completion = 1;
    rl_readline_name = "hostguard";
    char *line = readline(prompt);
    *interrupted = CReadline_interrupted;
    sigprocmask(SIG_SETMASK, &oldMask, NULL);
    sigaction(SIGINT, &oldInt, NULL);
    sigaction(SIGTERM, &oldTerm, NULL);
    sigaction(SIGHUP, &oldHup, NULL);
    sigaction(SIGQUIT, &oldQuit, NULL);
    fclose(in);
    fclose(out);
    return line;
}
