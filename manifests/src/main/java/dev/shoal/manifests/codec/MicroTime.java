package dev.shoal.manifests.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an Instant as Kubernetes' {@code MicroTime}: RFC 3339 with exactly six fractional digits
 * ({@code 2026-12-03T10:07:28.530036Z}). Clients parse MicroTime fields (an Event's {@code
 * eventTime}, a series' {@code lastObservedTime}) with that fixed layout, so nanoseconds make
 * kubectl fail to read the whole list ({@code kubectl events}, the Events of {@code describe}).
 */
public final class MicroTime extends StdSerializer<Instant> {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  public MicroTime() {
    super(Instant.class);
  }

  @Override
  public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
      throws IOException {
    out.writeString(FORMAT.format(value));
  }
}
