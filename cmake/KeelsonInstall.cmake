# `cmake --install` puts the library, its headers and a package config in
# place, so a user's project can `find_package(keelson)` and link
# `keelson::keelson`.
include(CMakePackageConfigHelpers)

install(TARGETS keelson EXPORT keelsonTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES keelson.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/keelson)
foreach(dir charts cost drift dsl environments plan generators policy review schema stacks synth)
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/keelson/${dir}
    FILES_MATCHING PATTERN "*.h")
endforeach()
install(EXPORT keelsonTargets NAMESPACE keelson::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/keelson)
configure_package_config_file(cmake/keelsonConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/keelsonConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/keelson)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/keelsonConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/keelsonConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/keelsonConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/keelson)
