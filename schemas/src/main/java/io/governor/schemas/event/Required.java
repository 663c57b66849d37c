package io.governor.schemas.event;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component the contract requires. Jackson then refuses a missing or null value before the
 * constructor runs; without it a missing primitive would silently read as 0. The JSON Schemas' {@code required}
 * lists are tested against these marks.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.ANNOTATION_TYPE})
@JacksonAnnotationsInside
@JsonSetter(nulls = Nulls.FAIL)
public @interface Required {
}
