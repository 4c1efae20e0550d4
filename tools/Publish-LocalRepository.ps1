<#
.SYNOPSIS
    Publishes the built module, with PSResourceGet, into a local folder repository, as a gallery would hold it.
.DESCRIPTION
    Registers the folder as a repository for the time of the publish only (a unique name, unregistered after),
    so the user's own repository list is left as it was. Writes the path of the .nupkg it made.
    Used by build.ps1 Package and by the suite's package test.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath
)

$ErrorActionPreference = 'Stop'
$version = (Import-PowerShellDataFile (Join-Path $ModulePath 'OpenStackVpn.psd1')).ModuleVersion
$null = New-Item -ItemType Directory -Path $RepositoryPath -Force
$package = Join-Path $RepositoryPath "OpenStackVpn.$version.nupkg"
Remove-Item $package -ErrorAction Ignore   # a folder repository refuses a version it already holds

$name = 'OpenStackVpn-local-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
Register-PSResourceRepository -Name $name -Uri (Resolve-Path $RepositoryPath).Path -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $name
}
finally {
    Unregister-PSResourceRepository -Name $name
}

if (-not (Test-Path $package)) { throw "Publish-PSResource ran but $package is missing." }
$package
