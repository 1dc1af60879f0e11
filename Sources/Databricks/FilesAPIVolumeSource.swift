import AsyncHTTPClient
import Foundation
import HTTPSupport
import NIOCore
import NIOHTTP1
import SyncCore

/// Lists and reads a volume through the Databricks Files API (`VOLUME_SOURCE=files-api`), from
/// any machine. Downloads stream straight into the DXR upload: no temporary file, no buffer of a
/// whole file.
package struct FilesAPIVolumeSource: VolumeSource {
    let client: WorkspaceClient
    /// The scanned folder, `/Volumes/<catalog>/<schema>/<volume>[/<prefix>]`.
    let root: String

    package init(client: WorkspaceClient, scope: VolumeScope) {
        self.client = client
        self.root = scope.rootPath
    }

    package var location: String { client.host + "/api/2.0/fs/directories" + root }

    package func list(_ selection: FolderSelection) async throws(VolumeSourceError) -> VolumeListing {
        var files: [VolumeFile] = []
        var problems: [ListingProblem] = []
        var subfolders: [String] = []
        var folders = [selection.folder]
        while let relative = folders.popLast() {
            do {
                for entry in try await listFolder(relative) {
                    if !entry.isDirectory {
                        files.append(entry.file(in: relative))
                    } else if selection.recursive {
                        folders.append(entry.path(in: relative))
                    } else {
                        subfolders.append(entry.path(in: relative))
                    }
                }
            } catch let error as HTTPRequestError where relative == selection.folder && !relative.isEmpty {
                // The selected folder itself: gone since the part was planned lists nothing, as
                // long as the volume is there.
                guard error.status == 404 else {
                    problems.append(
                        ListingProblem(kind: .unreadableDirectory, path: relative, reason: error.description))
                    continue
                }
                do { _ = try await client.getJSON(directoryPath(""), query: [("page_size", "1")]) } catch {
                    throw rootError(error)
                }
            } catch let error as HTTPRequestError where !relative.isEmpty {
                problems.append(ListingProblem(kind: .unreadableDirectory, path: relative, reason: error.description))
            } catch {
                throw rootError(error)
            }
        }
        return VolumeListing(
            files: files, problems: problems, subfolders: subfolders.sorted { PathKey($0) < PathKey($1) })
    }

    package func readSmallFile(at relativePath: String, limit: Int) async throws -> [UInt8]? {
        let response = try await client.stream(
            "/api/2.0/fs/files" + WorkspaceClient.encodedPath(root + "/" + relativePath), timeout: .seconds(60))
        switch response.status.code {
        case 200: break
        case 404: return nil
        default: throw FileAccessError(.unreadable, "the Files API answered HTTP \(response.status.code)")
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int64.init), length > limit {
            throw FileTooLargeError(size: length, limit: limit)
        }
        var bytes: [UInt8] = []
        for try await chunk in response.body {
            bytes += chunk.readableBytesView
            if bytes.count > limit { throw FileTooLargeError(size: Int64(bytes.count), limit: limit) }
        }
        return bytes
    }

    package func sample() async throws(VolumeSourceError) -> VolumeFile? {
        var folder = ""
        while true {
            let entries: [Entry]
            do {
                entries = try await listFolder(folder)
            } catch {
                guard folder.isEmpty else { return nil }
                throw rootError(error)
            }
            if let file = entries.first(where: { !$0.isDirectory }) { return file.file(in: folder) }
            guard let next = entries.first(where: \.isDirectory) else { return nil }
            folder = next.path(in: folder)
        }
    }

    /// Why the root of the scope cannot be listed: a 404 names the variables to check.
    private func rootError(_ error: any Error) -> VolumeSourceError {
        let reason =
            (error as? HTTPRequestError)?.status == 404
            ? "it does not exist; check VOLUME_CATALOG, VOLUME_SCHEMA, VOLUME_NAME and VOLUME_PREFIX"
            : String(describing: error)
        return VolumeSourceError(path: root, reason: reason)
    }

    private struct Entry {
        var name: String
        var isDirectory: Bool
        var size: Int64
        var lastModified: Int64

        /// The entry's path relative to the scope, in the folder `folder` (`""` for the root).
        func path(in folder: String) -> String { folder.isEmpty ? name : folder + "/" + name }

        /// The file this entry lists, in the folder `folder`.
        func file(in folder: String) -> VolumeFile {
            VolumeFile(relativePath: path(in: folder), size: size, modified: FileTime(milliseconds: lastModified))
        }
    }

    /// The Files API path of the folder `relative` (`""`: the root).
    private func directoryPath(_ relative: String) -> String {
        "/api/2.0/fs/directories" + WorkspaceClient.encodedPath(relative.isEmpty ? root : root + "/" + relative)
    }

    /// One folder, every page.
    private func listFolder(_ relative: String) async throws -> [Entry] {
        let path = directoryPath(relative)
        var entries: [Entry] = []
        var token: String?
        repeat {
            var query = [("page_size", "1000")]
            if let token { query.append(("page_token", token)) }
            let page = try await client.getJSON(path, query: query)
            if case .array(let contents)? = page["contents"] {
                for item in contents {
                    guard
                        let name = item["name"]?.text ?? item["path"]?.text?.split(separator: "/").last.map(String.init)
                    else {
                        continue
                    }
                    entries.append(
                        Entry(
                            name: name, isDirectory: item["is_directory"] == .bool(true),
                            size: item["file_size"]?.integer ?? 0,
                            lastModified: item["last_modified"]?.integer ?? 0))
                }
            }
            token = page["next_page_token"]?.text.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return entries
    }

    package func open(_ file: VolumeFile) async throws(FileAccessError) -> any FileContents {
        let path = "/api/2.0/fs/files" + WorkspaceClient.encodedPath(root + "/" + file.relativePath)
        let response: HTTPClientResponse
        do {
            response = try await client.stream(path, timeout: .seconds(max(300, file.size / 1_000_000)))
        } catch {
            throw FileAccessError(.unreadable, "cannot download through the Files API: \(error)")
        }
        switch response.status.code {
        case 200:
            break
        case 404:
            throw FileAccessError(.vanished, "vanished before upload (the Files API answered 404)")
        default:
            throw FileAccessError(.unreadable, "cannot download through the Files API: HTTP \(response.status.code)")
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int64.init), length != file.size {
            throw FileAccessError(.changed, "changed after listing: size went from \(file.size) to \(length) bytes")
        }
        return FilesAPIFileContents(body: response.body)
    }
}
