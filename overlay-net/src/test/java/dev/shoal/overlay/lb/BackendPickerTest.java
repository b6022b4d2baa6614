package dev.shoal.overlay.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BackendPickerTest {

    private final Backend a = new Backend("10.244.1.2", 80);
    private final Backend b = new Backend("10.244.1.3", 80);
    private final Backend c = new Backend("10.244.2.2", 80);
    private final AtomicLong clock = new AtomicLong();

    @Test
    void candidatesRotateAndListEveryBackendOnce() {
        BackendPicker p = new BackendPicker(List.of(a, b, c), Affinity.NONE, clock::get);
        assertEquals(List.of(a, b, c), p.candidates("1.1.1.1"));
        assertEquals(List.of(b, c, a), p.candidates("1.1.1.1"));
        assertEquals(List.of(c, a, b), p.candidates("1.1.1.1"));
        assertEquals(List.of(a, b, c), p.candidates("1.1.1.1"));
    }

    @Test
    void noBackendsNoCandidates() {
        assertEquals(List.of(), new BackendPicker(List.of(), Affinity.NONE, clock::get).candidates("x"));
    }

    @Test
    void stickyBackendComesFirstUntilTheTimeoutSinceLastUse() {
        BackendPicker p = new BackendPicker(List.of(a, b, c), Affinity.clientIp(Duration.ofSeconds(10)), clock::get);
        assertEquals(a, p.candidates("1.1.1.1").get(0));
        p.connected("1.1.1.1", b);
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(List.of(b, c, a), p.candidates("1.1.1.1"));
        p.connected("1.1.1.1", b);
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(b, p.candidates("1.1.1.1").get(0), "use refreshes the timeout");
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals(b, p.candidates("1.1.1.1").get(0), "after expiry round-robin resumes where it was");
        assertEquals(c, p.candidates("2.2.2.2").get(0));
    }

    @Test
    void stickyBackendThatLeftIsForgotten() {
        BackendPicker p = new BackendPicker(List.of(a, b), Affinity.clientIp(Duration.ofSeconds(10)), clock::get);
        p.connected("1.1.1.1", a);
        p.update(List.of(b, c), Affinity.clientIp(Duration.ofSeconds(10)));
        assertEquals(List.of(b, c), p.candidates("1.1.1.1"));
    }

    @Test
    void sweepDropsExpiredEntries() {
        AffinityTable t = new AffinityTable(clock::get);
        t.record("1.1.1.1", a);
        clock.addAndGet(5);
        t.record("2.2.2.2", b);
        t.sweep(4);
        assertEquals(1, t.size());
    }
}
