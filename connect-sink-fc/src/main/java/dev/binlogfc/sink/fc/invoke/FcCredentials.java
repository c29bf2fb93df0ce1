package dev.binlogfc.sink.fc.invoke;

/** An AccessKey pair and, for STS credentials, the security token ({@code null} without one). */
public record FcCredentials(String accessKeyId, String accessKeySecret, String securityToken) {

    /** Hides the secret and the token so that the credentials can never end up in a log. */
    @Override
    public String toString() {
        return "FcCredentials[accessKeyId=" + accessKeyId + ", accessKeySecret=[hidden], securityToken="
            + (securityToken == null ? "none" : "[hidden]") + "]";
    }
}
