package dev.slipway.controlplane.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The weakest team role that may call an endpoint (on the method, or on the controller for all its methods). Every
 * team-facing endpoint carries one; {@link RoleCheck} refuses an endpoint that has neither this nor {@link RoleExempt}.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresRole {
    Role value();
}
