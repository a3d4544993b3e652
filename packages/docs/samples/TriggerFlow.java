import com.alibaba.fastjson.JSONObject;
import com.envision.apim.poseidon.config.PConfig;
import com.envision.apim.poseidon.core.Poseidon;
import com.envision.apim.poseidon.request.PoseidonRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Trigger workflow 3377 now with Envision's Poseidon SDK, which gets the APIM access token and
 * signs the call itself. The values are the sandbox's defaults; for EnOS, use
 * https://{apigw-address}, and the AccessKey and SecretKey from your application's page under
 * Application Registration in the EnOS Console.
 */
public class TriggerFlow {

    private static class Request extends PoseidonRequest {
        private final String method;

        Request(String method) {
            this.method = method;
        }

        void setQueryParam(String key, Object value) {
            queryEncodeParams().put(key, value);
        }

        void setBodyParams(Map<String, Object> params) {
            bodyParams().putAll(params);
        }

        @Override
        public String baseUri() {
            return "";
        }

        @Override
        public String method() {
            return method;
        }
    }

    public static void main(String[] args) {
        String gateway = "http://127.0.0.1:4020";
        String accessKey = "sandbox-app-key";
        String secretKey = "sandbox-app-secret";

        Request request = new Request("POST");
        request.setQueryParam("userId", "sandbox-user");
        request.setQueryParam("orgId", "sandbox-org");
        Map<String, Object> body = new HashMap<>();
        body.put("flowId", 3377);
        // Now, in epoch milliseconds. The instance ID holds its minute: a second trigger of the
        // workflow for the same minute is refused (62102).
        body.put("triggerTime", System.currentTimeMillis());
        request.setBodyParams(body);

        try {
            JSONObject response = Poseidon
                    .config(PConfig.init().appKey(accessKey).appSecret(secretKey))
                    .url(gateway + "/batch-processing-service/v2.1/flows?action=trigger")
                    .getResponse(request, JSONObject.class);
            System.out.println(response);
        } catch (Exception e) {
            e.printStackTrace();
        }
    }
}
