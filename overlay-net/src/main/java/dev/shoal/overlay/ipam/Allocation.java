package dev.shoal.overlay.ipam;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of an address decision: either the value granted, or a refusal that names the input
 * field it concerns and says why. Refusals are values, never exceptions.
 */
public sealed interface Allocation<T> {

  record Granted<T>(T value) implements Allocation<T> {
    public Granted {
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code field} is a path such as {@code spec.clusterIP}; {@code reason} is a full sentence. */
  record Refused<T>(String field, String reason) implements Allocation<T> {
    public Refused {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }

    /** Re-types a refusal so it can be passed on from a function returning another kind. */
    public <U> Refused<U> as() {
      return new Refused<>(field, reason);
    }
  }

  static <T> Allocation<T> granted(T value) {
    return new Granted<>(value);
  }

  static <T> Allocation<T> refused(String field, String reason) {
    return new Refused<>(field, reason);
  }

  default boolean isGranted() {
    return this instanceof Granted<T>;
  }

  /**
   * The granted value; throws if this is a refusal (use in tests or after {@link #isGranted()}).
   */
  default T orElseThrow() {
    if (this instanceof Granted<T> g) {
      return g.value();
    }
    Refused<T> r = (Refused<T>) this;
    throw new IllegalStateException(r.field() + ": " + r.reason());
  }

  /** The refusal, if this is one. */
  default Optional<Refused<T>> refusal() {
    return this instanceof Refused<T> r ? Optional.of(r) : Optional.empty();
  }

  default <U> Allocation<U> map(Function<? super T, ? extends U> f) {
    if (this instanceof Granted<T> g) {
      return new Granted<>(f.apply(g.value()));
    }
    return ((Refused<T>) this).as();
  }
}
