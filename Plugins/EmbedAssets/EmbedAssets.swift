import Foundation
import PackagePlugin

/// Embeds the files of a target's `Assets` folder in its code at build time: `EmbedAssetsTool`
/// writes them as string constants of an `Assets` enum (`report.js` becomes `Assets.reportJS`).
/// SwiftPM resources would need a bundle folder next to the binary; this keeps dxrsync one file,
/// while the assets stay real files that editors and linters read. The target excludes the folder
/// from its sources (`exclude: ["Assets"]`), so SwiftPM does not ask what to do with them.
@main
struct EmbedAssets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Assets")
        let assets = try FileManager.default.contentsOfDirectory(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: .skipsHiddenFiles
        )
        .filter { try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true }
        .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "Assets.swift")
        return [
            .buildCommand(
                displayName: "Embedding the assets of \(target.name)",
                executable: try context.tool(named: "EmbedAssetsTool").url,
                arguments: [output.path] + assets.map(\.path), inputFiles: assets, outputFiles: [output])
        ]
    }
}
