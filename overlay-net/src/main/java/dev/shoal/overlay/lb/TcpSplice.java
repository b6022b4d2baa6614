package dev.shoal.overlay.lb;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;

/**
 * Joins a client connection and a backend connection: bytes flow both ways with backpressure (a
 * full write queue pauses the reading side until it drains), a FIN from either peer is passed on
 * once everything before it has been written, and the pair is closed together when both directions
 * have finished or either socket fails or closes.
 */
final class TcpSplice {

    private final Context context;
    private final NetSocket client;
    private final NetSocket backend;
    private final Direction up;
    private final Direction down;
    private boolean closed;

    /** Both sockets must live on {@code context}'s event loop; the client socket is paused. */
    TcpSplice(Context context, NetSocket client, NetSocket backend, boolean clientAlreadyFinished) {
        this.context = context;
        this.client = client;
        this.backend = backend;
        this.up = new Direction(client, backend);
        this.down = new Direction(backend, client);
        up.peerFinished = clientAlreadyFinished;
    }

    /** Called when the client's FIN arrives, also before {@link #start()} (it is remembered). */
    void clientFinished() {
        up.peerFinished();
    }

    void start() {
        client.closeHandler(v -> closeBoth());
        backend.closeHandler(v -> closeBoth());
        client.exceptionHandler(e -> closeBoth());
        backend.exceptionHandler(e -> closeBoth());
        if (!HalfClose.enable(backend, down::peerFinished)) {
            backend.endHandler(v -> closeBoth());
        }
        up.start();
        down.start();
    }

    void closeBoth() {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
        backend.close();
    }

    private void directionDone() {
        if (up.outputShut && down.outputShut) {
            closeBoth();
        }
    }

    /** One way of the splice: reads {@code src}, writes {@code dst}. */
    private final class Direction {
        private final NetSocket src;
        private final NetSocket dst;
        private boolean paused;
        boolean peerFinished;
        private boolean shuttingDown;
        boolean outputShut;

        Direction(NetSocket src, NetSocket dst) {
            this.src = src;
            this.dst = dst;
        }

        void start() {
            src.handler(this::relay);
            src.resume();
            if (peerFinished) {
                scheduleFinish();
            }
        }

        private void relay(Buffer data) {
            dst.write(data);
            if (!paused && dst.writeQueueFull()) {
                paused = true;
                src.pause();
                dst.drainHandler(v -> {
                    paused = false;
                    src.resume();
                    if (peerFinished) {
                        scheduleFinish();
                    }
                });
            }
        }

        void peerFinished() {
            peerFinished = true;
            scheduleFinish();
        }

        /*
         * Data that src queued while paused is delivered by tasks that resume() puts on the event loop;
         * a task queued after them sees it all written, then sends the FIN.
         */
        private void scheduleFinish() {
            context.runOnContext(v -> {
                if (closed || paused || shuttingDown || !peerFinished) {
                    return;
                }
                shuttingDown = true;
                dst.write(Buffer.buffer())
                        .compose(w -> HalfClose.shutdownOutput(dst))
                        .onComplete(r -> {
                            outputShut = true;
                            if (r.failed()) {
                                closeBoth();
                            } else {
                                directionDone();
                            }
                        });
            });
        }
    }
}
