package dev.shoal.e2e;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order of the end-to-end classes (set in {@code junit-platform.properties}): the {@link
 * SharedBed} classes first, so they run one after the other on one bed that comes up once, then the
 * classes with a bed of their own; by class name within each group.
 */
public final class SharedBedFirst implements ClassOrderer {

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing((ClassDescriptor d) -> !d.isAnnotated(SharedBed.class))
                .thenComparing(d -> d.getTestClass().getName()));
  }
}
