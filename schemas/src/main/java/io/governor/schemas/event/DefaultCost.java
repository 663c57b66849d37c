package io.governor.schemas.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import java.io.IOException;

/**
 * Reads {@code cost}: an absent cost is 1 (the contract's default), not the 0 Jackson gives a missing int,
 * which the record would refuse; an explicit null is refused as the schema does.
 */
final class DefaultCost extends StdDeserializer<Integer> {
    DefaultCost() {
        super(Integer.class);
    }

    @Override
    public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue(); // the usual cost, read without resolving Integer's deserializer again (it showed in profiles)
        }
        return ctxt.readValue(p, Integer.class); // anything else: Jackson's own rules and messages
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return 1;
    }

    @Override
    public Integer getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        throw InvalidNullException.from(ctxt, PropertyName.construct("cost"), ctxt.constructType(int.class));
    }
}
