package dev.slipway.protocol.buildspec;

/**
 * The one spelling of a monorepo {@code appRoot}, shared by the build spec, {@code customHttp.yml} and
 * {@value BuildSpec#MONOREPO_APP_ROOT_VARIABLE}, so that {@code ./apps/web/}, {@code /apps/web} and {@code apps/web }
 * select the same application wherever they are written.
 */
public final class AppRoot {

    /** The repository root: {@code appRoot: .} (also {@code ./} and {@code /}) is a real app root. */
    public static final String REPOSITORY_ROOT = ".";

    private AppRoot() {
    }

    /**
     * @return the root without surrounding blanks, leading {@code /} or {@code ./} and trailing {@code /}, with
     *         {@code /} as separator; {@value #REPOSITORY_ROOT} for the repository root; null for null or blank
     */
    public static String normalise(String root) {
        if (root == null || root.isBlank()) {
            return null;
        }
        String r = root.strip().replace('\\', '/');
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            if (r.startsWith("./")) {
                r = r.substring(2);
                stripped = true;
            } else if (r.startsWith("/")) {
                r = r.substring(1);
                stripped = true;
            }
        }
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r.isEmpty() || r.equals(REPOSITORY_ROOT) ? REPOSITORY_ROOT : r;
    }
}
