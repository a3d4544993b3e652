import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Get an APIM access token with the JDK alone (Java 17 or later). The Poseidon SDK does this
 * itself before its calls; this is for code that calls the API without it. The values are the
 * sandbox's defaults; for EnOS, use https://{apigw-address} and your application's keys.
 */
public class GetAccessToken {

    public static void main(String[] args) throws Exception {
        String gateway = "http://127.0.0.1:4020";
        String appKey = "sandbox-app-key";
        String appSecret = "sandbox-app-secret";
        HttpClient client = HttpClient.newHttpClient();

        // The token service accepts an encryption once: two processes with one app key that ask
        // in the same millisecond send the same one, and the second gets status 1001 though its
        // credentials are right. A token request starts nothing, so ask again with a new
        // timestamp: 4 requests at most.
        long timestamp = System.currentTimeMillis();
        String answer = "";
        for (int attempt = 1; attempt <= 4; attempt++) {
            // encryption = lowercase hex SHA-256 of appKey + timestamp + appSecret (a plain hash).
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((appKey + timestamp + appSecret).getBytes(StandardCharsets.UTF_8));
            String encryption = HexFormat.of().formatHex(digest);

            String body = String.format(
                    "{\"appKey\":\"%s\",\"encryption\":\"%s\",\"timestamp\":%d}",
                    appKey, encryption, timestamp);
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(gateway + "/apim-token-service/v2.0/token/get"))
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            answer = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (!answer.matches("(?s).*\"status\"\\s*:\\s*1001\\b.*")) {
                break;
            }
            // A new timestamp, a random step later, so that processes that collided part ways.
            timestamp = Math.max(System.currentTimeMillis(), timestamp + 1)
                    + ThreadLocalRandom.current().nextInt(1, 101);
        }
        System.out.println(answer);
    }
}
