/// An error thrown while a request was being prepared or its body streamed that no retry can
/// help (for example a file that could not be read for upload): ``RetryingHTTPClient`` rethrows it
/// at once instead of trying the request again.
package protocol NonRetryableError: Error {}
