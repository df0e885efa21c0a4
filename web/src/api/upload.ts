import { ApiError, apiUrl, notifyUnauthenticated, requestHeaders, toApiError, type Envelope } from "./client";

/** Uploads a file as multipart field `file`, reporting progress (0..1); XHR because fetch has no upload progress. */
export function uploadFile<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<Envelope<T>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", apiUrl(path));
    xhr.withCredentials = true;
    for (const [key, value] of Object.entries(requestHeaders("POST", false))) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "Could not reach the server"));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as Envelope<T>);
        return;
      }
      notifyUnauthenticated(xhr.status, path);
      reject(toApiError(xhr.status, body, xhr.getResponseHeader("Retry-After")));
    };
    const form = new FormData();
    form.append("file", file, file.name);
    xhr.send(form);
  });
}
