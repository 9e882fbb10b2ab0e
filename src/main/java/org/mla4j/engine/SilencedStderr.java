package org.mla4j.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Runs one engine call with the process's standard error (file descriptor 2) pointed at /dev/null,
 * for a libtorch warning that is known, harmless and printed straight to fd 2 by native code, where
 * neither Java nor {@code TORCH_CPP_LOG_LEVEL} (read only by Python's torch) can stop it. Used once
 * per process: the first re-pointing of a tensor ({@link FlatGroup}) makes libtorch print that DJL's
 * call uses a deprecated guard ({@code AutoNonVariableTypeMode}), once. Whatever another thread writes
 * to stderr in that moment is lost too, so the window is that one call.
 *
 * <p>Linux and macOS (POSIX {@code dup}, {@code dup2}, {@code open}); where libc cannot be loaded the
 * call runs unsilenced.
 */
final class SilencedStderr {
    private static final int STDERR = 2;
    private static final int O_WRONLY = 1;

    /** The three POSIX calls used. */
    interface Posix extends Library {
        int dup(int fd);

        int dup2(int from, int to);

        int open(String path, int flags);

        int close(int fd);
    }

    private static Posix posix;
    private static boolean loadTried;

    private SilencedStderr() {
    }

    /** Runs {@code call} with fd 2 on /dev/null, then puts fd 2 back. */
    static synchronized void run(Runnable call) {
        Posix c = posix();
        int saved = c == null ? -1 : c.dup(STDERR);
        int devNull = saved < 0 ? -1 : c.open("/dev/null", O_WRONLY);
        if (devNull < 0 || c.dup2(devNull, STDERR) < 0) {
            if (saved >= 0) {
                c.close(saved);
            }
            if (devNull >= 0) {
                c.close(devNull);
            }
            call.run();
            return;
        }
        try {
            call.run();
        } finally {
            c.dup2(saved, STDERR);
            c.close(saved);
            c.close(devNull);
        }
    }

    private static Posix posix() {
        if (!loadTried) {
            loadTried = true;
            try {
                posix = Native.load("c", Posix.class);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                posix = null; // no libc to call: the warning is printed, nothing else changes
            }
        }
        return posix;
    }
}
