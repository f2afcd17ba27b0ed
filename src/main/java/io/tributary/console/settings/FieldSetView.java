package io.tributary.console.settings;

import java.util.List;

/**
 * Fields of a form section that belong together: in Authentication, one mechanism's credential source. The
 * mechanisms it applies to let the page's script hide the others; without the script every subsection shows.
 *
 * @param title      the legend, empty for a section's general fields
 * @param mechanisms the {@code sasl-mechanism} values it applies to, space-separated; empty for all
 */
public record FieldSetView(String title, String mechanisms, List<FieldView> fields) {
}
