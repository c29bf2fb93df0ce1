package dev.binlogfc.sink.fc.precheck;

import dev.binlogfc.common.validation.ValidationReport;
import dev.binlogfc.sink.fc.auth.CredentialsType;
import dev.binlogfc.sink.fc.config.FcSinkConfig;
import dev.binlogfc.sink.fc.config.TargetType;
import dev.binlogfc.sink.fc.invoke.CredentialsUnavailableException;
import dev.binlogfc.sink.fc.invoke.FailureCauses;
import dev.binlogfc.sink.fc.invoke.FcInvoker;
import dev.binlogfc.sink.fc.invoke.FcResponse;
import dev.binlogfc.sink.fc.invoke.InvocationTarget;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * DTS's "Test Connectivity" for the sink: one request that reaches the target and presents the credentials without
 * invoking the function or delivering data. FC 2.0 and 3.0 get GetFunction of the configured qualifier, which
 * fails on the same AccessKey, service, qualifier and function as InvokeFunction; a webhook gets OPTIONS, and any
 * answer but 401 or 403 counts as reachable. Each problem becomes an error on the setting to change, quoting FC's
 * answer.
 */
public final class ConnectivityTest {

    /** GetFunction and OPTIONS answer at once; waiting longer than this only delays the validation. */
    static final Duration MAX_RESPONSE_TIME = Duration.ofSeconds(5);

    private final FcSinkConfig config;
    private final TargetType type;
    private final InvocationTarget target;

    private ConnectivityTest(FcSinkConfig config) {
        this.config = config;
        this.type = config.targetType();
        this.target = config.target();
    }

    /** Tests the target that {@code config}, a valid configuration, names. */
    public static ValidationReport run(FcSinkConfig config) {
        return new ConnectivityTest(config).run();
    }

    private ValidationReport run() {
        ValidationReport report = new ValidationReport();
        Duration responseTimeout = config.responseTimeout().compareTo(MAX_RESPONSE_TIME) < 0
            ? config.responseTimeout() : MAX_RESPONSE_TIME;
        try (FcInvoker invoker = new FcInvoker(target, config.transport(responseTimeout, 1))) {
            judge(invoker.testConnectivity(), report);
        } catch (IOException e) {
            report.error(addressKey(), unreachable(e, responseTimeout));
        }
        return report;
    }

    private void judge(FcResponse answer, ValidationReport report) {
        int status = answer.status();
        if (type == TargetType.HTTP) {
            if (status == 401 || status == 403) {
                report.error(FcSinkConfig.HTTP_BEARER_TOKEN, "Connectivity test: " + target + " refused OPTIONS with "
                    + answer.describe() + ": check " + FcSinkConfig.HTTP_BEARER_TOKEN + " and "
                    + FcSinkConfig.HTTP_HEADERS + ", which are sent with every batch");
            }
            return;
        }
        if (status >= 200 && status < 300) {
            return;
        }
        String answered = "Connectivity test: " + target + " answered GetFunction with " + answer.describe();
        String code = answer.errorCode();
        if ("AccessDenied".equals(code)) {
            report.warning(answered + "; FC accepted the AccessKey but it may not read the function's"
                + " configuration, so the test could not confirm that the function exists. Invocations only need"
                + " fc:InvokeFunction; grant fc:GetFunction on the function for a complete test.");
        } else if ((status == 401 || status == 403) && !config.credentialSettings().type().equals(
            CredentialsType.ACCESS_KEY)) {
            report.error(FcSinkConfig.CREDENTIALS_TYPE, answered + ": FC did not accept the " + config
                .credentialSettings() + "; check that the role or source they come from may invoke the function and"
                + " belongs to the account that owns it");
        } else if ("InvalidSecurityToken".equals(code)) {
            report.error(FcSinkConfig.SECURITY_TOKEN, answered + ": set " + FcSinkConfig.SECURITY_TOKEN
                + " to the STS token issued with this AccessKey (it expires), or leave it out for a RAM user's"
                + " permanent AccessKey");
        } else if (status == 401 || status == 403) {
            report.error(FcSinkConfig.ACCESS_KEY_ID, answered + ": FC did not accept the credentials; check "
                + FcSinkConfig.ACCESS_KEY_ID + " and " + FcSinkConfig.ACCESS_KEY_SECRET + " (a pair of the account"
                + " that owns the function; SignatureNotMatch means a wrong secret) and that the Connect worker's"
                + " clock is right");
        } else if ("ServiceNotFound".equals(code)) {
            report.error(FcSinkConfig.SERVICE_NAME, answered + ": check " + FcSinkConfig.SERVICE_NAME
                + " (case-sensitive) and that " + FcSinkConfig.ENDPOINT + " names the account and region that"
                + " hold the service");
        } else if ("FunctionNotFound".equals(code)) {
            report.error(FcSinkConfig.FUNCTION_NAME, answered + ": check " + FcSinkConfig.FUNCTION_NAME
                + " (case-sensitive)" + (type == TargetType.FC2 ? ", that it belongs to " + FcSinkConfig.SERVICE_NAME
                + " and that the version " + FcSinkConfig.QUALIFIER + " names includes it" : " and that "
                + FcSinkConfig.ENDPOINT + " names the account and region that hold it"));
        } else if ("AliasNotFound".equals(code) || "VersionNotFound".equals(code)) {
            report.error(FcSinkConfig.QUALIFIER, answered + ": set " + FcSinkConfig.QUALIFIER + " to an"
                + " existing version or alias, or to LATEST for the unpublished code");
        } else {
            report.error(FcSinkConfig.ENDPOINT, answered + ", not the function's configuration: check that "
                + FcSinkConfig.ENDPOINT + " is the Function Compute API endpoint of the account and region,"
                + " https://<accountId>.<region>.fc.aliyuncs.com" + (status >= 500 ? ", or try again later" : ""));
        }
    }

    private String unreachable(IOException failure, Duration responseTimeout) {
        String key = addressKey();
        if (FailureCauses.include(failure, CredentialsUnavailableException.class)) {
            return "Connectivity test: " + failure.getMessage() + "; check " + FcSinkConfig.CREDENTIALS_TYPE
                + " and the settings it uses";
        }
        if (FailureCauses.include(failure, SocketTimeoutException.class)) {
            return "Connectivity test: " + target + " took the connection but did not answer within "
                + responseTimeout.toMillis() + " ms (" + failure + "): check that " + key + " names the right"
                + " server and port";
        }
        if (FailureCauses.include(failure, UnknownHostException.class)) {
            return "Connectivity test: the host of " + target + " is unknown (" + failure.getMessage() + "): check "
                + key + " and the Connect worker's DNS" + (type == TargetType.HTTP ? "" : "; FC's public endpoint"
                + " is https://<accountId>.<region>.fc.aliyuncs.com, the -internal one resolves only inside the"
                + " region's VPC");
        }
        if (FailureCauses.include(failure, SSLException.class)) {
            return "Connectivity test: the TLS handshake with " + target + " failed (" + failure + "): check that "
                + key + " uses https with the server's own host name and that the Connect worker's JVM trusts its"
                + " certificate";
        }
        return "Connectivity test: " + target + " could not be reached (" + failure + "): check " + key
            + ", that the Connect worker may connect to it (firewall, proxy, VPC), and "
            + FcSinkConfig.HTTP_CONNECT_TIMEOUT_MS + " (" + config.connectTimeout().toMillis() + " ms)";
    }

    private String addressKey() {
        return type == TargetType.HTTP ? FcSinkConfig.HTTP_URL : FcSinkConfig.ENDPOINT;
    }
}
