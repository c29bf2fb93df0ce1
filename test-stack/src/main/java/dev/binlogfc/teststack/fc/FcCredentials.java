package dev.binlogfc.teststack.fc;

/**
 * The AccessKey the local endpoint accepts, and the STS security token it requires when one is set
 * ({@code null}: requests must carry no token).
 */
public record FcCredentials(String accessKeyId, String accessKeySecret, String securityToken) {

    public FcCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || accessKeySecret == null || accessKeySecret.isBlank()) {
            throw new IllegalArgumentException("the local FC endpoint needs a non-blank AccessKey id and secret");
        }
    }

    @Override
    public String toString() {
        return "FcCredentials[accessKeyId=" + accessKeyId + ", accessKeySecret=<hidden>, securityToken="
            + (securityToken == null ? "none" : "<hidden>") + "]";
    }
}
