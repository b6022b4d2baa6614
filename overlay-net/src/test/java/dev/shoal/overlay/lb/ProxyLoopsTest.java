package dev.shoal.overlay.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ProxyLoopsTest {

    /** The machines Shoal is built and tested on allow io_uring; the other proxy tests run on it too. */
    @Test
    void theProxyRunsOnIoUringWhereTheKernelAllowsIt(Vertx vertx) throws Exception {
        ProxyLoops loops = ProxyLoops.create(vertx, 2, true);
        try {
            assertEquals("IoUringTransport", loops.transport().getClass().getSimpleName(),
                    "io_uring unavailable: " + io.vertx.core.transport.Transport.IO_URING.unavailabilityCause());
        } finally {
            loops.close().sync();
        }
    }

    @Test
    void otherwiseOnVertxsOwnTransport(Vertx vertx) throws Exception {
        ProxyLoops loops = ProxyLoops.create(vertx, 1, false);
        try {
            assertSame(((VertxInternal) vertx).transport(), loops.transport());
        } finally {
            loops.close().sync();
        }
    }
}
