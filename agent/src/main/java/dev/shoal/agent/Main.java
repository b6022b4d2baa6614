package dev.shoal.agent;

import dev.shoal.agent.config.AgentConfig;
import dev.shoal.agent.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Starts one Shoal agent: reads the configuration, deploys {@link AgentVerticle}, stops cleanly on
 * SIGTERM.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    AgentConfig config;
    try {
      config = ConfigLoader.load(Arrays.asList(args), System.getenv());
    } catch (ConfigLoader.ConfigException e) {
      System.err.println("shoal: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Native epoll when it loads (netty-transport-native-epoll is on the classpath): the service
    // proxy's
    // TCP splice costs fewer syscalls and no selector wake-ups on it. Vert.x falls back to NIO
    // otherwise.
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    AtomicBoolean closing = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (closing.compareAndSet(false, true)) {
                    await(vertx.close());
                  }
                },
                "shoal-shutdown"));
    vertx
        .deployVerticle(new AgentVerticle(config))
        .onSuccess(
            id ->
                System.out.println(
                    "shoal: node "
                        + config.nodeName()
                        + " serving the API on "
                        + (config.security().plainHttp() ? "http://" : "https://")
                        + config.apiHost()
                        + ":"
                        + config.apiPort()))
        .onFailure(
            failure -> {
              System.err.println("shoal: cannot start: " + failure.getMessage());
              // Not on the event loop: closing Vert.x needs it, and System.exit waits for the
              // shutdown hook.
              new Thread(
                      () -> {
                        if (closing.compareAndSet(false, true)) {
                          await(vertx.close());
                        }
                        System.exit(1);
                      },
                      "shoal-exit")
                  .start();
            });
  }

  private static void await(io.vertx.core.Future<?> future) {
    CountDownLatch done = new CountDownLatch(1);
    future.onComplete(ignored -> done.countDown());
    try {
      done.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
