package org.bdisuite.runtime.console;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource class as console pages under {@code /console/…}: its forms carry the CSRF token in a form field,
 * so {@link ConsoleCsrfFilter} reads the form body of its state-changing requests (and only of these: an API body is
 * never parsed by the console's filter). A state-changing console request to a resource without this mark is
 * refused unless it carries the token in its header.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ConsolePage {}
