package dev.shoal.agent.api.table;

import dev.shoal.manifests.model.Secret;
import java.time.Instant;
import java.util.List;

/** {@code NAME TYPE DATA AGE}: the number of keys, never their values. */
final class SecretPrinter implements Printer<Secret> {

  private static final List<Column> COLUMNS =
      List.of(
          Column.objectName(),
          Column.text("Type", "The type of the secret"),
          Column.text("Data", "The number of entries in the secret"),
          Column.age());

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(Secret secret, Instant now) {
    return List.of(
        secret.metadata().name(),
        secret.type() == null ? "Opaque" : secret.type(),
        (long) (secret.data() == null ? 0 : secret.data().size()),
        Ages.since(secret.metadata().creationTimestamp(), now));
  }
}
