package dev.shoal.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What a client of the test bed's API needs: TLS that trusts the bed's cluster CA (and nothing
 * else), and a bearer token. Every {@code testbed up} makes a new CA and admin token, so they are
 * read anew.
 */
public record Credentials(SSLContext tls, String token) {

  /**
   * The admin token and the CA of the bed that is up now, from {@code testbed token} and {@code
   * testbed ca}.
   */
  public static Credentials ofTestbed() {
    Testbed bed = Testbed.locate();
    String token = bed.run(Duration.ofSeconds(10), "token").trim();
    Path ca = Path.of(bed.run(Duration.ofSeconds(10), "ca").trim());
    return new Credentials(trusting(ca), token);
  }

  /** The same trust with another token (e.g. one of a lesser role). */
  public Credentials withToken(String other) {
    return new Credentials(tls, other);
  }

  static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "shoal-cluster-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust the test bed's CA at " + caFile + ": " + e, e);
    }
  }
}
