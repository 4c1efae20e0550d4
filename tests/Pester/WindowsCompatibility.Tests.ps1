# What the module does for Windows PowerShell 5.1 (.NET Framework) that can be checked from any edition.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $manifest = Import-PowerShellDataFile (Join-Path $env:OPENSTACKVPN_MODULE 'OpenStackVpn.psd1')
}

Describe 'Windows PowerShell 5.1: the manifest, the import hook, and what other modules set process-wide' {
    It 'declares Desktop with the .NET Framework it needs, so an older one fails at import with a clear error' {
        $manifest.CompatiblePSEditions | Should -Contain 'Desktop'
        $manifest.PowerShellVersion | Should -Be '5.1'
        [version]$manifest.DotNetFrameworkVersion | Should -Be ([version]'4.7.2')
    }

    It 'has an import hook, where TLS 1.2 is added to the process''s protocols on .NET Framework' {
        [OpenStackVpn.ModuleInitializer]::new() | Should -BeOfType System.Management.Automation.IModuleAssemblyInitializer
        $before = [System.Net.ServicePointManager]::SecurityProtocol
        [OpenStackVpn.ModuleInitializer]::new().OnImport()
        if ($PSVersionTable.PSEdition -eq 'Desktop') {
            [System.Net.ServicePointManager]::SecurityProtocol.HasFlag([System.Net.SecurityProtocolType]::Tls12) -or
            [System.Net.ServicePointManager]::SecurityProtocol -eq 0 | Should -BeTrue
        }
        else {
            [System.Net.ServicePointManager]::SecurityProtocol | Should -Be $before   # .NET does not use it: left alone
        }
    }

    It 'builds request bodies without reading JsonConvert.DefaultSettings, which another module may have set' {
        $session = Connect-OpenStack -Embedded
        $previous = [Newtonsoft.Json.JsonConvert]::DefaultSettings
        [Newtonsoft.Json.JsonConvert]::DefaultSettings = [Func[Newtonsoft.Json.JsonSerializerSettings]] { throw 'JsonConvert.DefaultSettings was read' }
        try {
            $ike = New-IkePolicy -Name windows-json -Lifetime 7200 -Session $session
            $ike = $ike | Set-IkePolicy -Lifetime 3600 -Session $session -PassThru
        }
        finally {
            [Newtonsoft.Json.JsonConvert]::DefaultSettings = $previous
        }
        $ike.Lifetime.Value | Should -Be 3600
    }

    It 'refuses a server certificate without its private key, naming -Certificate' {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=127.0.0.1', $key, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $withKey = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddHours(-1), [DateTimeOffset]::UtcNow.AddHours(1))
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($withKey.RawData)
        $record = Get-ErrorRecord { Start-EmbeddedOpenStack -Certificate $publicOnly }
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.Exception.Message | Should -BeLike '-Certificate: *has no private key*'
    }
}
