package dev.socialcrawl.billing.dashboard.view;

/** A navigation link; {@code current} marks the page being shown ({@code aria-current="page"}). */
public record Link(String href, String label, boolean current) {
}
