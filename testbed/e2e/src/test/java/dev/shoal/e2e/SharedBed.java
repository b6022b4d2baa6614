package dev.shoal.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The class runs on the three-host test bed that the whole run shares instead of a bed of its own,
 * in a namespace the {@link TestbedExtension} creates before the class and deletes after it. Only
 * for classes that leave every host as they found it: no crash, kill, stop, cut or restart of an
 * agent or engine, no Node deleted, and every object of theirs in {@link #namespace()}. A class
 * without it gets a fresh bed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface SharedBed {
  /** The class's own namespace; no other class may use it. */
  String namespace();
}
