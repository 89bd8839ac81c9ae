package dev.slipway.controlplane.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint outside team roles: called by machines that prove themselves another way (runner and edge tokens, git
 * host signatures, incoming webhook tokens) or before anyone is signed in (login, invitation links).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RoleExempt {
    /** Why no team role applies, for the reader. */
    String value();
}
