package dev.shoal.agent.fuzz;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends cases to the server and waits for the answer: a status code and body, or {@link #NO_ANSWER}
 * when the connection failed or nothing came within the time limit. Watches are read up to their
 * status and then reset; raw cases go over a plain socket.
 */
final class Sender {

  static final int NO_ANSWER = -1;

  /** A header value that means: leave the header out. */
  static final String NO_HEADER = "(none)";

  private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d+\\.\\d+ (\\d{3})");

  /** What came back. */
  record Answer(int status, String contentType, byte[] body) {}

  private final Vertx vertx;

  /**
   * No keep-alive: a server that closes after a refusal must not fail the next case on the same
   * connection.
   */
  private final HttpClient http;

  private final NetClient net;
  private final int port;
  private final String token;

  /** {@code token}: sent as the bearer token unless a case brings its own Authorization header. */
  Sender(Vertx vertx, int port, String token) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(false)
                .setMaxInitialLineLength(1 << 20)
                .setMaxHeaderSize(1 << 20),
            new PoolOptions().setHttp1MaxSize(4));
    this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(5_000));
  }

  Answer send(FuzzCase c) {
    Future<Answer> answer = c.raw() != null ? raw(c.raw()) : http(c);
    try {
      return answer.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      return new Answer(NO_ANSWER, null, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Future<Answer> http(FuzzCase c) {
    RequestOptions options =
        new RequestOptions().setMethod(c.method()).setURI(c.uri()).setTimeout(15_000);
    boolean ownAuthorization = false;
    for (Map.Entry<String, String> header : c.headers()) {
      ownAuthorization |= header.getKey().equalsIgnoreCase("Authorization");
      if (!header.getValue().equals(NO_HEADER)) {
        options.addHeader(header.getKey(), header.getValue());
      }
    }
    if (!ownAuthorization) {
      options.addHeader("Authorization", "Bearer " + token);
    }
    return http.request(options)
        .compose(
            request -> {
              Future<HttpClientResponse> sent =
                  c.body() == null ? request.send() : request.send(Buffer.buffer(c.body()));
              return sent.compose(
                  response -> {
                    String type = response.getHeader("Content-Type");
                    if (c.watch() && response.statusCode() == 200) {
                      // A stream: the status is what counts here; drop the connection as a client
                      // going away would.
                      response.exceptionHandler(
                          ignored -> {}); // the reset below ends it; that is expected
                      request.reset();
                      return Future.succeededFuture(new Answer(200, type, new byte[0]));
                    }
                    return response
                        .body()
                        .map(body -> new Answer(response.statusCode(), type, body.getBytes()));
                  });
            });
  }

  /** Writes the bytes, reads until the server closes (or 300 ms pass) and takes the status line. */
  private Future<Answer> raw(byte[] bytes) {
    return net.connect(port, "127.0.0.1")
        .compose(
            socket -> {
              Promise<Answer> done = Promise.promise();
              Buffer received = Buffer.buffer();
              socket.handler(
                  data -> {
                    received.appendBuffer(data);
                    if (complete(received)) {
                      done.tryComplete(parse(received));
                      socket.close();
                    }
                  });
              socket.closeHandler(ignored -> done.tryComplete(parse(received)));
              long timer =
                  vertx.setTimer(
                      300,
                      ignored -> {
                        done.tryComplete(parse(received));
                        socket.close();
                      });
              socket.write(Buffer.buffer(bytes));
              return done.future().onComplete(ignored -> vertx.cancelTimer(timer));
            });
  }

  /** A status line, headers and as much body as Content-Length says. */
  private static boolean complete(Buffer received) {
    String text = received.toString(StandardCharsets.ISO_8859_1);
    int headerEnd = text.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
      return false;
    }
    Matcher length =
        Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(text.substring(0, headerEnd));
    return !length.find() || text.length() - headerEnd - 4 >= Integer.parseInt(length.group(1));
  }

  /**
   * The first response in what a raw socket received; a server that said nothing gives 0 (a
   * timeout, not a 5xx).
   */
  private static Answer parse(Buffer received) {
    String text = received.toString(StandardCharsets.ISO_8859_1);
    Matcher m = STATUS_LINE.matcher(text);
    if (!m.find()) {
      return new Answer(0, null, received.getBytes());
    }
    int headerEnd = text.indexOf("\r\n\r\n");
    String headers = headerEnd < 0 ? text : text.substring(0, headerEnd);
    Matcher type = Pattern.compile("(?im)^content-type:\\s*(.+?)\\s*$").matcher(headers);
    byte[] body =
        headerEnd < 0
            ? new byte[0]
            : text.substring(headerEnd + 4).getBytes(StandardCharsets.ISO_8859_1);
    return new Answer(Integer.parseInt(m.group(1)), type.find() ? type.group(1) : null, body);
  }

  Future<Void> close() {
    return Future.join(http.close(), net.close()).mapEmpty();
  }
}
