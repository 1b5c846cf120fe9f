package io.saasstack.sample.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The problems Boot's RFC 9457 handler ({@code spring.mvc.problemdetails.enabled}) answers without
 * saying what is wrong: an unreadable body ("Failed to read request") and an upload over the size
 * limit. Every other error, {@code ResponseStatusException} with its reason first, is left to it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

	private final DataSize maxFileSize;

	private final DataSize maxRequestSize;

	ApiProblems(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize,
			@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequestSize) {
		this.maxFileSize = maxFileSize;
		this.maxRequestSize = maxRequestSize;
	}

	@ExceptionHandler
	ProblemDetail unreadableBody(HttpMessageNotReadableException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail(ex));
	}

	@ExceptionHandler
	ProblemDetail uploadTooLarge(MaxUploadSizeExceededException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The upload is larger than the limit of "
				+ this.maxFileSize.toMegabytes() + " MB per file (" + this.maxRequestSize.toMegabytes() + " MB per request)");
	}

	/** What is wrong with the body, never its content. */
	static String detail(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof MismatchedInputException mismatch) {
			if (mismatch.getPath().isEmpty()) {
				return "The body must be a JSON object";
			}
			String field = field(mismatch);
			Class<?> type = mismatch.getTargetType();
			if (type != null && type.isEnum()) {
				return "'" + field + "' must be one of " + Arrays.stream(type.getEnumConstants())
					.map(String::valueOf)
					.collect(Collectors.joining(", "));
			}
			return "'" + field + "' does not have the expected type";
		}
		if (cause instanceof StreamReadException json) {
			TokenStreamLocation location = json.getLocation();
			return "The body is not valid JSON" + ((location != null && location.getLineNr() > 0)
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "");
		}
		if (cause != null) {
			return "The body could not be read";
		}
		return "The request needs a JSON body";
	}

	/** The field's path in the body, such as {@code plan} or {@code items[0].plan}. */
	private static String field(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

}
