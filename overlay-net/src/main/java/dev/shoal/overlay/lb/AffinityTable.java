package dev.shoal.overlay.lb;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** ClientIP stickiness: which backend a client IP last used, forgotten after the affinity timeout. */
final class AffinityTable {

    private record Entry(Backend backend, long lastUsedNanos) {
    }

    private final Map<String, Entry> byClient = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    AffinityTable(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Optional<Backend> lookup(String clientIp, long timeoutNanos) {
        Entry e = byClient.get(clientIp);
        if (e == null) {
            return Optional.empty();
        }
        if (nanoClock.getAsLong() - e.lastUsedNanos() > timeoutNanos) {
            byClient.remove(clientIp, e);
            return Optional.empty();
        }
        return Optional.of(e.backend());
    }

    void record(String clientIp, Backend backend) {
        byClient.put(clientIp, new Entry(backend, nanoClock.getAsLong()));
    }

    void forget(String clientIp) {
        byClient.remove(clientIp);
    }

    /** Drops expired entries; called from a periodic timer so idle clients do not pile up. */
    void sweep(long timeoutNanos) {
        long now = nanoClock.getAsLong();
        byClient.entrySet().removeIf(e -> now - e.getValue().lastUsedNanos() > timeoutNanos);
    }

    void clear() {
        byClient.clear();
    }

    int size() {
        return byClient.size();
    }
}
