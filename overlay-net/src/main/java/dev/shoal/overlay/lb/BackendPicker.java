package dev.shoal.overlay.lb;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Chooses backends for one frontend; shared by every event loop serving it, so it is thread-safe.
 * Strict round-robin: each new connection or UDP session takes the next position of one counter.
 * {@link #candidates(String)} gives the order to try, each backend once: the sticky one first under
 * ClientIP affinity, then the round-robin order, so a dead backend is skipped by moving on.
 */
final class BackendPicker {

    private record Setting(List<Backend> backends, Affinity affinity) {
    }

    private volatile Setting setting;
    private final AtomicLong next = new AtomicLong();
    private final AffinityTable affinity;

    BackendPicker(List<Backend> backends, Affinity affinity, LongSupplier nanoClock) {
        this.setting = new Setting(List.copyOf(backends), affinity);
        this.affinity = new AffinityTable(nanoClock);
    }

    BackendPicker(List<Backend> backends, Affinity affinity) {
        this(backends, affinity, System::nanoTime);
    }

    /** Takes effect for the next connection; a switch away from ClientIP drops the sticky table. */
    void update(List<Backend> backends, Affinity newAffinity) {
        if (!(newAffinity instanceof Affinity.ClientIp)) {
            affinity.clear();
        }
        setting = new Setting(List.copyOf(backends), newAffinity);
    }

    List<Backend> backends() {
        return setting.backends();
    }

    /** Whether {@link #candidates(String)} looks at the client's address (ClientIP affinity is on). */
    boolean usesClientIp() {
        return setting.affinity() instanceof Affinity.ClientIp;
    }

    /**
     * Backends in the order to try for a new connection from {@code clientIp} (which may be null when
     * {@link #usesClientIp()} said no); empty if none is ready.
     */
    List<Backend> candidates(String clientIp) {
        Setting s = setting;
        int n = s.backends().size();
        if (n == 0) {
            return List.of();
        }
        Optional<Backend> sticky = stickyFor(s, clientIp);
        int start = sticky.isPresent()
                ? s.backends().indexOf(sticky.get())
                : (int) Math.floorMod(next.getAndIncrement(), (long) n);
        List<Backend> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(s.backends().get((start + i) % n));
        }
        return order;
    }

    /** Reports the backend a connection from {@code clientIp} ended up on (for ClientIP affinity). */
    void connected(String clientIp, Backend backend) {
        if (clientIp != null && setting.affinity() instanceof Affinity.ClientIp) {
            affinity.record(clientIp, backend);
        }
    }

    void sweep() {
        if (setting.affinity() instanceof Affinity.ClientIp c) {
            affinity.sweep(c.timeout().toNanos());
        }
    }

    private Optional<Backend> stickyFor(Setting s, String clientIp) {
        if (clientIp == null || !(s.affinity() instanceof Affinity.ClientIp c)) {
            return Optional.empty();
        }
        Optional<Backend> b = affinity.lookup(clientIp, c.timeout().toNanos());
        if (b.isPresent() && !s.backends().contains(b.get())) {
            affinity.forget(clientIp);
            return Optional.empty();
        }
        return b;
    }
}
