package io.saasstack.auth.supabase;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The pagination headers of GoTrue's {@code GET /admin/users}: {@code Link} (RFC 8288, with
 * {@code rel="next"} and {@code rel="last"} URLs carrying a {@code page} query parameter) and
 * {@code X-Total-Count}.
 * <p>
 * The page numbers are read whole, as integers: {@code @supabase/auth-js} 2.119.1 keeps only
 * their first digit ({@code substring(0, 1)}), so that page 23 reads as 2 (vector
 * {@code supabase/admin-list-users-pagination}). The parameter is matched by its exact name,
 * so {@code per_page} is never taken for {@code page}.
 *
 * @param nextPage the next page, null on the last page or without a {@code Link} header
 * @param lastPage the last page, null without a {@code Link} header
 * @param total the number of users, null without a valid {@code X-Total-Count} header
 * @since 0.1.0
 */
public record SupabaseUserPagination(@Nullable Integer nextPage, @Nullable Integer lastPage, @Nullable Long total) {

	/** Header holding the number of users. */
	public static final String TOTAL_COUNT_HEADER = "x-total-count";

	private static final Pattern LINK = Pattern.compile("<([^>]*)>([^<]*)");

	private static final Pattern REL = Pattern.compile("(?i)(?:^|;)\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,]+))");

	/** Reads the pagination headers of a response. */
	public static SupabaseUserPagination from(HttpHeaders headers) {
		return parse(headers.getFirst(HttpHeaders.LINK), headers.getFirst(TOTAL_COUNT_HEADER));
	}

	/**
	 * Reads the values of the pagination headers.
	 * @param link the {@code Link} header, or null
	 * @param totalCount the {@code X-Total-Count} header, or null
	 */
	public static SupabaseUserPagination parse(@Nullable String link, @Nullable String totalCount) {
		Integer next = null;
		Integer last = null;
		if (link != null) {
			Matcher matcher = LINK.matcher(link);
			while (matcher.find()) {
				Integer page = page(matcher.group(1));
				Matcher rel = REL.matcher(matcher.group(2));
				if (page == null || !rel.find()) {
					continue;
				}
				String rels = (rel.group(1) != null) ? rel.group(1) : rel.group(2);
				for (String value : rels.trim().split("\\s+")) {
					String name = value.toLowerCase(Locale.ROOT);
					if (name.equals("next") && next == null) {
						next = page;
					}
					else if (name.equals("last") && last == null) {
						last = page;
					}
				}
			}
		}
		return new SupabaseUserPagination(next, last, total(totalCount));
	}

	private static @Nullable Integer page(String url) {
		int query = url.indexOf('?');
		if (query < 0) {
			return null;
		}
		int fragment = url.indexOf('#', query);
		String parameters = url.substring(query + 1, (fragment >= 0) ? fragment : url.length());
		for (String parameter : parameters.split("&")) {
			int equals = parameter.indexOf('=');
			if (equals > 0 && parameter.substring(0, equals).equals("page")) {
				try {
					return Integer.valueOf(parameter.substring(equals + 1).trim());
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static @Nullable Long total(@Nullable String totalCount) {
		if (totalCount == null) {
			return null;
		}
		try {
			long total = Long.parseLong(totalCount.trim());
			return (total >= 0) ? total : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
