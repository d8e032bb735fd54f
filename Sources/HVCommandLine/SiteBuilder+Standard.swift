import HVSite

extension SiteBuilder {
  /// The builder with every directive hvwalk ships.
  static func standard() -> SiteBuilder {
    SiteBuilder(directives: DirectiveRegistry([]))
  }
}
