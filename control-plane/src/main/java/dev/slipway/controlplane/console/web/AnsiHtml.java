package dev.slipway.controlplane.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * A build log line as safe HTML with its ANSI colours: SGR colour and bold codes become {@code <span class="ansi-…">},
 * everything else is escaped, and other control sequences (cursor moves, erase line) are dropped.
 */
final class AnsiHtml {

    private static final Pattern ESCAPE = Pattern.compile("\u001B\\[([0-9;?]*)([A-Za-z])");
    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    private AnsiHtml() {
    }

    static String render(String line) {
        StringBuilder html = new StringBuilder(line.length() + 16);
        Matcher escape = ESCAPE.matcher(line);
        Style style = Style.PLAIN;
        boolean open = false;
        int at = 0;
        while (escape.find()) {
            html.append(HtmlUtils.htmlEscape(line.substring(at, escape.start())));
            at = escape.end();
            if (!escape.group(2).equals("m")) {
                continue;
            }
            style = style.apply(escape.group(1));
            if (open) {
                html.append("</span>");
                open = false;
            }
            if (!style.classes().isEmpty()) {
                html.append("<span class=\"").append(String.join(" ", style.classes())).append("\">");
                open = true;
            }
        }
        html.append(HtmlUtils.htmlEscape(line.substring(at)).replace("\u001B", ""));
        return open ? html.append("</span>").toString() : html.toString();
    }

    /** The SGR state that matters for reading a log: foreground colour and bold. */
    private record Style(String colour, boolean bold) {

        static final Style PLAIN = new Style(null, false);
        private static final int UNKNOWN = -1;

        Style apply(String parameters) {
            Style style = this;
            for (String part : parameters.isEmpty() ? new String[] {"0"} : parameters.split(";")) {
                int code = code(part);
                style = switch (code) {
                    case 0 -> PLAIN;
                    case 1 -> new Style(style.colour, true);
                    case 22 -> new Style(style.colour, false);
                    case 39 -> new Style(null, style.bold);
                    default -> code >= 30 && code <= 37 ? new Style(COLOURS[code - 30], style.bold)
                            : code >= 90 && code <= 97 ? new Style(COLOURS[code - 90], style.bold) : style;
                };
            }
            return style;
        }

        /**
         * The number of one parameter. The pattern lets through any run of digits, ';' and '?', as long as a log line
         * is; no SGR code has more than three digits, so anything else is ignored rather than parsed (an overflowing
         * number threw, and took the job page and the live log stream down with it).
         */
        private static int code(String part) {
            if (part.isEmpty() || part.startsWith("?")) {
                return 0;
            }
            return part.length() > 3 || !part.chars().allMatch(Character::isDigit) ? UNKNOWN : Integer.parseInt(part);
        }

        List<String> classes() {
            List<String> classes = new ArrayList<>(2);
            if (colour != null) {
                classes.add("ansi-" + colour);
            }
            if (bold) {
                classes.add("ansi-bold");
            }
            return classes;
        }
    }
}
