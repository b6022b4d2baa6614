package dev.shoal.manifests;

import java.util.function.Function;

/**
 * The outcome of parsing user input: a value or a message saying what is wrong with it. Parsers in
 * this module return one instead of throwing, so callers can turn a bad input into a 4xx with a
 * clear reason.
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

  record Ok<T>(T value) implements Result<T> {}

  record Err<T>(String message) implements Result<T> {}

  static <T> Result<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Result<T> err(String message) {
    return new Err<>(message);
  }

  default boolean isOk() {
    return this instanceof Ok;
  }

  /** The value; only call after checking {@link #isOk()}. */
  default T value() {
    if (this instanceof Ok<T> ok) {
      return ok.value();
    }
    throw new IllegalStateException("no value: " + ((Err<T>) this).message());
  }

  /** The error message, or null when this is a value. */
  default String error() {
    return this instanceof Err<T> err ? err.message() : null;
  }

  default <U> Result<U> map(Function<? super T, ? extends U> f) {
    return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : new Err<>(error());
  }
}
