package dev.shoal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small client of one agent's HTTP API (Kubernetes-shaped paths), enough for the end-to-end
 * tests.
 */
public final class ShoalApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_LIMIT = Duration.ofSeconds(5);

  private final Host host;
  private final HttpClient http;
  private final String authorization;

  /**
   * A client of {@code host} with the bed's current credentials: its CA (TLS is verified) and admin
   * token.
   */
  public ShoalApi(Host host) {
    this(host, Credentials.ofTestbed());
  }

  public ShoalApi(Host host, Credentials credentials) {
    this.host = host;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(credentials.tls())
            .build();
    this.authorization = "Bearer " + credentials.token();
  }

  public Host host() {
    return host;
  }

  /** Applies one or more YAML documents through {@code POST /apply}; returns the ApplyResult. */
  public JsonNode apply(String yaml) {
    return send(
        HttpRequest.newBuilder(uri("/apply"))
            .header("Content-Type", "application/yaml")
            .POST(HttpRequest.BodyPublishers.ofString(yaml)),
        "/apply");
  }

  /** A JSON merge patch ({@code application/merge-patch+json}), e.g. to taint a node. */
  public JsonNode mergePatch(String path, String patch) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/merge-patch+json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(patch)),
        path);
  }

  public JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), path);
  }

  /** The HTTP status of a GET, whatever it is (for the tests of refusals). */
  public int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(uri(path))
                  .timeout(REQUEST_LIMIT)
                  .header("Authorization", authorization)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new ApiException(host.name() + " " + path + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(host.name() + " " + path + ": interrupted");
    }
  }

  public JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), path);
  }

  public boolean ready() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(uri("/readyz")).timeout(REQUEST_LIMIT).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The pods of a namespace matching a label selector such as {@code app=sleepers}. */
  public List<PodView> pods(String namespace, String labelSelector) {
    JsonNode list =
        get(
            "/api/v1/namespaces/"
                + namespace
                + "/pods?labelSelector="
                + URLEncoder.encode(labelSelector, StandardCharsets.UTF_8));
    List<PodView> pods = new ArrayList<>();
    list.path("items").forEach(item -> pods.add(PodView.of(item)));
    return pods;
  }

  private URI uri(String path) {
    return host.api().resolve(path);
  }

  private JsonNode send(HttpRequest.Builder request, String path) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(REQUEST_LIMIT).header("Authorization", authorization).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new ApiException(
            host.name() + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ApiException(host.name() + " " + path + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(host.name() + " " + path + ": interrupted");
    }
  }

  /** A request that did not get a 2xx answer (including no answer at all). */
  public static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ApiException(String message) {
      super(message);
    }
  }
}
