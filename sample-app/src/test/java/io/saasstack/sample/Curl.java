package io.saasstack.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the subset of curl the README uses ({@code -s -i -X -H -d -F}, quotes, {@code $VARIABLES})
 * with the JDK's HTTP client, against the port the test started the application on.
 */
final class Curl {

	private final HttpClient http = HttpClient.newHttpClient();

	private final int port;

	private final Path workingDirectory;

	Curl(int port, Path workingDirectory) {
		this.port = port;
		this.workingDirectory = workingDirectory;
	}

	HttpResponse<String> run(String command, Map<String, String> variables) throws IOException, InterruptedException {
		List<String> words = words(command, variables);
		if (words.isEmpty() || !words.get(0).equals("curl")) {
			throw new IllegalArgumentException("Not a curl command: " + command);
		}
		String method = null;
		String url = null;
		List<String[]> headers = new ArrayList<>();
		List<String> data = new ArrayList<>();
		List<String> forms = new ArrayList<>();
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			switch (word) {
				case "-s", "-i", "-sS" -> {
				}
				case "-X" -> method = words.get(++i);
				case "-H" -> headers.add(words.get(++i).split(":\\s*", 2));
				case "-d" -> data.add(words.get(++i));
				case "-F" -> forms.add(words.get(++i));
				default -> {
					if (word.startsWith("-")) {
						throw new IllegalArgumentException("Unsupported curl option " + word + " in: " + command);
					}
					url = word;
				}
			}
		}
		if (url == null) {
			throw new IllegalArgumentException("No URL in: " + command);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replace("localhost:8080", "localhost:" + this.port)
			.replaceFirst("^(?!https?://)", "http://")));
		headers.forEach((header) -> request.header(header[0], header[1]));
		HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
		if (!forms.isEmpty()) {
			String boundary = "curl-" + UUID.randomUUID();
			request.header("Content-Type", "multipart/form-data; boundary=" + boundary);
			body = HttpRequest.BodyPublishers.ofByteArray(multipart(forms, boundary));
		}
		else if (!data.isEmpty()) {
			if (headers.stream().noneMatch((header) -> header[0].equalsIgnoreCase("Content-Type"))) {
				request.header("Content-Type", "application/x-www-form-urlencoded");
			}
			body = HttpRequest.BodyPublishers.ofString(String.join("&", data));
		}
		String defaultMethod = (forms.isEmpty() && data.isEmpty()) ? "GET" : "POST";
		request.method((method != null) ? method : defaultMethod, body);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private byte[] multipart(List<String> forms, String boundary) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String form : forms) {
			String[] field = form.split("=", 2);
			out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
			if (field[1].startsWith("@")) {
				Path file = this.workingDirectory.resolve(field[1].substring(1));
				out.writeBytes(("Content-Disposition: form-data; name=\"" + field[0] + "\"; filename=\""
						+ file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				out.writeBytes(Files.readAllBytes(file));
			}
			else {
				out.writeBytes(("Content-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n" + field[1])
					.getBytes(StandardCharsets.UTF_8));
			}
			out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
		}
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** Shell words: single quotes literal, double quotes with $VARIABLE expansion. */
	static List<String> words(String command, Map<String, String> variables) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		char quote = 0;
		for (int i = 0; i < command.length(); i++) {
			char c = command.charAt(i);
			if (quote == 0 && Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
				continue;
			}
			word = (word != null) ? word : new StringBuilder();
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = c;
			}
			else if (c == quote) {
				quote = 0;
			}
			else if (c == '$' && quote != '\'') {
				int end = i + 1;
				while (end < command.length() && (Character.isLetterOrDigit(command.charAt(end)) || command.charAt(end) == '_')) {
					end++;
				}
				String name = command.substring(i + 1, end);
				String value = variables.get(name);
				if (value == null) {
					throw new IllegalArgumentException("$" + name + " is not set before: " + command);
				}
				word.append(value);
				i = end - 1;
			}
			else {
				word.append(c);
			}
		}
		if (quote != 0) {
			throw new IllegalArgumentException("Unclosed quote in: " + command);
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

}
