package dev.socialcrawl.billing.dashboard.pages;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks the dashboard's page resources, and binds {@link DashboardFilter} to them alone: the admin, ledger and
 * internal APIs (a debit among them) never run it, nor wait for its deferred identity.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface DashboardPage {
}
