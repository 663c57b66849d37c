package io.governor.schemas.event;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How bytes travel in a JSON string: as the UTF-8 text they are, or base64 when they are not valid UTF-8. */
public enum PayloadEncoding {
    @JsonProperty("utf8") UTF8,
    @JsonProperty("base64") BASE64
}
