package org.mla4j.engine;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flush-to-zero and denormals-are-zero for the calling thread while training, what PyTorch's
 * {@code torch.set_flush_denormal(True)} does. Late in training, once the fit split is learnt, many
 * gradients fall below float32's smallest normal number (1.2e−38); arithmetic on such denormal
 * numbers is many times slower on x86 CPUs and made whole epochs 30–40 % slower (BENCHMARKS.md).
 * Values that small carry nothing a gradient step could use, so they are read and written as zero.
 *
 * <p>The mode lives in the thread's MXCSR register: it covers the engine's work because, with one
 * engine thread, PyTorch runs every operation on the calling thread. It is switched on for the
 * training loop only and the previous mode is restored on {@link #close()}, because the JVM's own
 * float arithmetic on this thread is affected too (Java promises gradual underflow).
 *
 * <p>On by default; {@code -Dmla4j.flush_denormals=false} (or 0, off) (launcher: {@code MLA4J_FLUSH_DENORMALS=0})
 * turns it off. Only x86-64 Linux is supported (glibc's {@code fenv_t} layout); elsewhere this is a
 * no-op and {@link #active()} says false.
 */
public final class FlushToZero implements AutoCloseable {
    /** System property that turns the mode off when set to {@code false}. */
    public static final String PROPERTY = "mla4j.flush_denormals";

    private static final Logger LOG = LoggerFactory.getLogger(FlushToZero.class);
    /** MXCSR bits: FTZ (bit 15) flushes denormal results, DAZ (bit 6) reads denormal inputs as zero. */
    private static final int FTZ_DAZ = 0x8040;
    /** glibc x86-64 {@code fenv_t}: 28 bytes of x87 environment, then the 32-bit MXCSR. */
    private static final int FENV_SIZE = 32;
    private static final int MXCSR_OFFSET = 28;

    /** The two C99 functions used (glibc's libm). */
    interface FloatingPointEnvironment extends Library {
        int fegetenv(Memory env);

        int fesetenv(Memory env);
    }

    private static FloatingPointEnvironment fenv;
    private static boolean loadTried;

    private final Memory saved;

    private FlushToZero(Memory saved) {
        this.saved = saved;
    }

    /** Whether flushing is wanted by configuration: the system property, off when {@code false}, {@code 0} or {@code off}. */
    public static boolean requested() {
        String value = System.getProperty(PROPERTY, "true").trim().toLowerCase(Locale.ROOT);
        return !(value.equals("false") || value.equals("0") || value.equals("off"));
    }

    /**
     * Turns the mode on for the calling thread if {@link #requested()} and supported; the returned
     * handle restores the previous mode when closed (on the same thread).
     */
    public static FlushToZero enable() {
        return enable(requested());
    }

    /** As {@link #enable()}, with the choice given explicitly. */
    public static FlushToZero enable(boolean wanted) {
        FloatingPointEnvironment f = wanted ? library() : null;
        if (f == null) {
            return new FlushToZero(null);
        }
        Memory previous = new Memory(FENV_SIZE);
        if (f.fegetenv(previous) != 0) {
            LOG.debug("fegetenv failed; denormal numbers are not flushed");
            return new FlushToZero(null);
        }
        Memory flushing = new Memory(FENV_SIZE);
        flushing.write(0, previous.getByteArray(0, FENV_SIZE), 0, FENV_SIZE);
        flushing.setInt(MXCSR_OFFSET, previous.getInt(MXCSR_OFFSET) | FTZ_DAZ);
        if (f.fesetenv(flushing) != 0) {
            LOG.debug("fesetenv failed; denormal numbers are not flushed");
            return new FlushToZero(null);
        }
        return new FlushToZero(previous);
    }

    /** Whether this handle switched the mode on. */
    public boolean active() {
        return saved != null;
    }

    /** The calling thread's MXCSR register (for tests and diagnostics); -1 where unsupported. */
    public static int mxcsr() {
        FloatingPointEnvironment f = library();
        if (f == null) {
            return -1;
        }
        Memory env = new Memory(FENV_SIZE);
        return f.fegetenv(env) == 0 ? env.getInt(MXCSR_OFFSET) : -1;
    }

    /** Whether training in this process flushes: wanted by configuration and supported here. */
    public static boolean inEffect() {
        return requested() && supported();
    }

    /** Whether the mode is on for the calling thread. */
    public static boolean onForThisThread() {
        int register = mxcsr();
        return register != -1 && (register & FTZ_DAZ) == FTZ_DAZ;
    }

    /** Whether this platform supports the mode at all. */
    public static boolean supported() {
        return library() != null;
    }

    @Override
    public void close() {
        if (saved != null) {
            fenv.fesetenv(saved);
        }
    }

    private static synchronized FloatingPointEnvironment library() {
        if (!loadTried) {
            loadTried = true;
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            if (os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
                try {
                    fenv = Native.load("m", FloatingPointEnvironment.class);
                } catch (LinkageError e) {
                    LOG.debug("libm not loadable ({}); denormal numbers are not flushed", e.getMessage());
                }
            } else {
                LOG.debug("flush-to-zero is only implemented for x86-64 Linux, not {} {}", os, arch);
            }
        }
        return fenv;
    }
}
