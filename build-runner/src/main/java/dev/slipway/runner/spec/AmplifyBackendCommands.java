package dev.slipway.runner.spec;

/**
 * Shell functions every build script defines, so the Amplify backend commands real specs carry never end in
 * {@code command not found}. Slipway hosts frontends; a backend lives on AWS:
 * <ul>
 * <li>{@code npx ampx pipeline-deploy} / {@code npx amplify pipeline-deploy} (Gen 2) run as written when AWS
 * credentials are in the environment (secrets such as {@code AWS_ACCESS_KEY_ID}); without them, or with
 * {@code AMPLIFY_SKIP_BACKEND_BUILD=true}, they are skipped with a warning, so the frontend still deploys;</li>
 * <li>{@code amplifyPush} and {@code amplify} (Gen 1 CLI, not in the image) fail with what to do instead, unless
 * {@code AMPLIFY_SKIP_BACKEND_BUILD=true} skips them or the build installed the CLI itself.</li>
 * </ul>
 * Functions, not files in the image: they work in every image, including custom ones, and in the one shell that
 * runs all phases.
 */
final class AmplifyBackendCommands {

    static final String SKIP_VARIABLE = "AMPLIFY_SKIP_BACKEND_BUILD";

    static final String FUNCTIONS = """
            __slipway_skip_backend() { [ "${AMPLIFY_SKIP_BACKEND_BUILD:-}" = true ]; }
            __slipway_aws_credentials() {
              [ -n "${AWS_ACCESS_KEY_ID:-}${AWS_PROFILE:-}${AWS_WEB_IDENTITY_TOKEN_FILE:-}${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}" ]
            }
            npx() {
              case " $* " in
                *" ampx pipeline-deploy "*|*" amplify pipeline-deploy "*|*"/backend-cli pipeline-deploy "*)
                  if __slipway_skip_backend; then
                    echo "[slipway] warning: Gen 2 backend not deployed (AMPLIFY_SKIP_BACKEND_BUILD=true): npx $*"
                    return 0
                  elif ! __slipway_aws_credentials; then
                    echo "[slipway] warning: Gen 2 backend not deployed: no AWS credentials in the build (add the secrets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_REGION to deploy it from here): npx $*"
                    return 0
                  fi ;;
              esac
              command npx "$@"
            }
            amplifyPush() {
              if __slipway_skip_backend; then
                echo "[slipway] warning: amplifyPush skipped (AMPLIFY_SKIP_BACKEND_BUILD=true): the Gen 1 backend stays as deployed"
                return 0
              fi
              echo "[slipway] amplifyPush deploys an Amplify Gen 1 backend to AWS, which Slipway does not do: set AMPLIFY_SKIP_BACKEND_BUILD=true to build the frontend against the backend as deployed, or remove the backend phase" >&2
              return 127
            }
            amplify() {
              if type -P amplify >/dev/null; then
                command amplify "$@"
              elif __slipway_skip_backend; then
                echo "[slipway] warning: amplify $* skipped (AMPLIFY_SKIP_BACKEND_BUILD=true)"
              else
                echo "[slipway] the Amplify CLI (Gen 1) is not in Slipway's build image: install it in preBuild (npm install -g @aws-amplify/cli) with AWS credentials as secrets, or set AMPLIFY_SKIP_BACKEND_BUILD=true to skip backend commands" >&2
                return 127
              fi
            }
            """;

    private AmplifyBackendCommands() {
    }
}
