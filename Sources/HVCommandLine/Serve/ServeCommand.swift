import ArgumentParser
import Foundation
import HVSite

/// `hvwalk serve`: build, serve on 127.0.0.1, rebuild on every change, reload open pages.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the site on 127.0.0.1, rebuild when content changes, and reload open pages.",
    discussion: """
      Builds the site in memory (Site/ is not touched), serves it on this machine only, and \
      watches the content folder: on every saved change it rebuilds — reusing the simulation of \
      scenarios that did not change — and open pages reload. A content error is printed here and \
      shown on the page, and the last good site keeps being served. Stop with Ctrl-C.
      """
  )

  @OptionGroup var content: ContentOptions

  @Option(
    name: .long, help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "n"))
  var port: UInt16 = 8000

  @Option(
    name: .long,
    help: ArgumentHelp("How often to look for changes, in milliseconds.", valueName: "ms"))
  var poll: Int = 50

  func validate() throws {
    guard (10...5000).contains(poll) else {
      throw ValidationError("--poll must be between 10 and 5000 ms")
    }
  }

  func run() async throws {
    let console = Console.standard
    let served = ServedSite()
    let builder = SiteBuilder(scenarioCache: ScenarioCache(), renderCache: RenderCache())
    var watcher = ContentWatcher(folder: content.content)
    _ = watcher.changed()
    let files = ContentReader.ReadCache()
    await rebuild(builder, files, served, console, reason: nil)

    let box = PortBox()
    let server = try LoopbackServer(port: port) { [served, box] request in
      await ServeHandler(site: served, port: box.port).handle(request)
    }
    box.port = server.port
    server.start()
    let actualPort = server.port
    console.info(
      "Serving \(content.content)/ at http://127.0.0.1:\(actualPort)/ — watching for changes (Ctrl-C stops)."
    )

    let interrupt = InterruptSignal()
    while !interrupt.received {
      try? await Task.sleep(nanoseconds: UInt64(poll) * 1_000_000)
      if let changes = watcher.changed() {
        await rebuild(builder, files, served, console, reason: changes)
      }
    }
    server.stop()
    console.info("\nStopped.")
  }

  /// Builds again: files not changed since the last read are not read again (`files`), and
  /// lessons and pages whose inputs did not change are not rendered again (the builder's
  /// ``RenderCache``).
  private func rebuild(
    _ builder: SiteBuilder, _ files: ContentReader.ReadCache, _ served: ServedSite,
    _ console: Console, reason: [String]?
  ) async {
    let clock = ContinuousClock()
    let started = clock.now
    do {
      switch ContentBuild.run(builder, try ContentReader.read(content.content, cache: files)) {
      case .success(let site):
        await served.publish(site)
        let changed =
          reason.map {
            " after changes to " + $0.prefix(3).joined(separator: ", ") + ($0.count > 3 ? "…" : "")
          } ?? ""
        let rendered = builder.renderCache.map {
          " (rendered \($0.renderedLessons) of \(site.lessonCount) lessons, \($0.renderedPages) lesson pages; read \(files.reads) files)"
        } ?? ""
        console.info(
          "Built \(site.pageCount) pages in \((clock.now - started).millisecondsDescription)\(changed)\(rendered)."
        )
      case .failure(let error):
        await served.fail(error.diagnostics)
        console.report(error.diagnostics)
        console.error("Still serving the last good site.")
      }
    } catch {
      console.error("Error: \(error)")
    }
  }
}

extension Duration {
  /// `37 ms`, for the serve log.
  var millisecondsDescription: String {
    let (seconds, attoseconds) = components
    return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000) ms"
  }
}

/// The bound port, known only once the server is listening (with `--port 0`).
private final class PortBox: @unchecked Sendable {
  var port: UInt16 = 0
}
