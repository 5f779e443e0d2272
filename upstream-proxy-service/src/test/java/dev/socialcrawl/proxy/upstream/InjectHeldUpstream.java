package dev.socialcrawl.proxy.upstream;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a test field that receives one of the running JDK fakes ({@link HeldUpstream}, {@link BottomlessUpstream}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectHeldUpstream {
}
