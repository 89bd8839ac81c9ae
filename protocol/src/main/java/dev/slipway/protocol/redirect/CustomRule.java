package dev.slipway.protocol.redirect;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One redirect or rewrite rule as Amplify's {@code App.customRules} holds it (amplify-hosting-reference.md §3.1). The
 * fields are kept as the user wrote them; {@link RedirectRules#validate} says what is wrong with them and
 * {@link RedirectRules#compile} turns a list into something fast to match.
 *
 * @param source    path pattern ({@code /docs/<*>}, {@code /docs/<year>}, {@code /docs?id=<v>}), regex
 *                  ({@code </^[^.]+$/>}) or origin ({@code https://example.com})
 * @param target    path or absolute URL; may reuse the source's placeholders
 * @param status    {@code 200}, {@code 301}, {@code 302}, {@code 404} or {@code 404-200}
 * @param condition country code in angle brackets ({@code <US>}) or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CustomRule(String source, String target, String status, String condition) {

    public static CustomRule of(String source, String target, String status) {
        return new CustomRule(source, target, status, null);
    }
}
